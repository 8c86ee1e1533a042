"""Kubernetes objects as kubectl kustomize renders them, and the rules a cluster would apply
to them (label selectors, NetworkPolicies), for tests/deploy/test_k8s.py."""

import yaml

WORKLOADS = ("Deployment", "StatefulSet", "Job")


class Objects:
    """One overlay's rendered objects, looked up by kind and name."""

    def __init__(self, text):
        self.all = [doc for doc in yaml.safe_load_all(text) if doc]

    def of(self, kind):
        return [o for o in self.all if o["kind"] == kind]

    def get(self, kind, name):
        (found,) = [o for o in self.of(kind) if o["metadata"]["name"] == name]
        return found

    def config(self, prefix):
        """A generated ConfigMap's data (its name carries a content hash)."""
        (found,) = [o for o in self.of("ConfigMap") if o["metadata"]["name"].startswith(prefix)]
        return found["data"]

    def pods(self):
        """Each workload's name and pod template."""
        return {o["metadata"]["name"]: o["spec"]["template"] for k in WORKLOADS for o in self.of(k)}

    def component(self, component):
        (template,) = [
            t
            for t in self.pods().values()
            if t["metadata"]["labels"]["app.kubernetes.io/component"] == component
        ]
        return template


def matches(selector, labels):
    """Kubernetes label-selector semantics (matchLabels and matchExpressions)."""
    if any(labels.get(key) != value for key, value in selector.get("matchLabels", {}).items()):
        return False
    for expression in selector.get("matchExpressions", []):
        key, operator = expression["key"], expression["operator"]
        present, value = key in labels, labels.get(key)
        holds = {
            "In": present and value in expression.get("values", []),
            "NotIn": not present or value not in expression.get("values", []),
            "Exists": present,
            "DoesNotExist": not present,
        }[operator]
        if not holds:
            return False
    return True


def containers(template):
    spec = template["spec"]
    return spec.get("initContainers", []) + spec["containers"]


def allowed_sources(objects, component, port):
    """Which components' pods may open a TCP connection to `component`'s pods on `port`
    under the NetworkPolicies; "elsewhere" stands for anything outside the namespace."""
    target = objects.component(component)["metadata"]["labels"]
    policies = [
        p["spec"]
        for p in objects.of("NetworkPolicy")
        if matches(p["spec"]["podSelector"], target) and "Ingress" in p["spec"]["policyTypes"]
    ]
    sources = {
        t["metadata"]["labels"]["app.kubernetes.io/component"]: t["metadata"]["labels"]
        for t in objects.pods().values()
    } | {"elsewhere": None}
    if not policies:  # not isolated: Kubernetes lets everything in
        return set(sources)

    def rule_allows(rule, labels):
        ports = rule.get("ports")
        if ports and not any(p.get("port") == port for p in ports):
            return False
        if "from" not in rule:
            return True
        # A peer with only a podSelector means pods of this namespace.
        return labels is not None and any(
            "podSelector" in peer
            and "namespaceSelector" not in peer
            and matches(peer["podSelector"], labels)
            for peer in rule["from"]
        )

    return {
        name
        for name, labels in sources.items()
        if any(rule_allows(r, labels) for p in policies for r in p.get("ingress", []))
    }
