"""A small flame graph (SVG) of py-spy's raw stacks, for docs/performance/.

    .venv/bin/python bench/flamegraph.py var/profile/profile-lesson-signed-in.raw \
        docs/performance/profile-lesson-signed-in.svg "Signed-in lesson"

Only the workers' request handling (from Django's WSGIHandler up), line numbers dropped,
frames narrower than MIN_SHARE left out: py-spy's own SVG of the same profile is ~0.5 MB.
Hover a frame for its share of the samples.
"""

import html
import re
import sys

MIN_SHARE = 0.004
WIDTH, ROW = 1200, 17


def load(path):
    root = {"n": 0, "children": {}}
    for line in open(path):
        stack, _, count = line.rstrip("\n").rpartition(" ")
        frames = stack.split(";")
        start = next((i for i, f in enumerate(frames) if "WSGIHandler.__call__" in f), None)
        if start is None:
            continue
        n = int(count)
        node = root
        node["n"] += n
        for frame in frames[start:]:
            name = re.sub(r":\d+\)$", ")", frame)
            node = node["children"].setdefault(name, {"n": 0, "children": {}})
            node["n"] += n
    return root


def colour(name):
    if "MySQLdb" in name or "is_usable" in name:
        return "#e0584a"
    if "redis" in name:
        return "#d9a13b"
    if "django/db/" in name:
        return "#e8904f"
    if "django/template/" in name:
        return "#7fb36b"
    if "community/" in name:
        return "#9c7fd1"
    if "wagtail/" in name:
        return "#5fa8c9"
    return "#c8c8b0"


def main(src, dst, title):
    root = load(src)
    total = root["n"]
    rects = []
    depth_max = 0

    def walk(node, x, depth):
        nonlocal depth_max
        for name, child in sorted(node["children"].items()):
            share = child["n"] / total
            if share >= MIN_SHARE:
                depth_max = max(depth_max, depth)
                rects.append((x, depth, share, name))
                walk(child, x, depth + 1)
            x += share

    walk(root, 0.0, 0)
    height = (depth_max + 3) * ROW
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'font-family="monospace" font-size="11">',
        f'<text x="4" y="13">{html.escape(title)}: {total} samples (py-spy); hover for '
        "shares; red MariaDB, orange ORM, yellow Redis, green templates, purple discussion, "
        "blue Wagtail</text>",
    ]
    for x, depth, share, name in rects:
        px, w = x * WIDTH, share * WIDTH
        y = height - (depth + 1) * ROW
        label = f"{name} {100 * share:.1f}%"
        chars = int(w / 6.6)
        text = label if len(label) <= chars else (label[: chars - 2] + "..") if chars > 4 else ""
        out.append(
            f'<g><title>{html.escape(label)}</title><rect x="{px:.1f}" y="{y}" '
            f'width="{max(w - 0.5, 0.5):.1f}" height="{ROW - 1}" fill="{colour(name)}"/>'
            + (f'<text x="{px + 2:.1f}" y="{y + 12}">{html.escape(text)}</text>' if text else "")
            + "</g>"
        )
    out.append("</svg>")
    with open(dst, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:4])
