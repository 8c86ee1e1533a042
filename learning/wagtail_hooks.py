"""Admin wiring for the learning app; the views live in ``learning.admin``."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from learning.admin.certificates import CertificatePermissionPolicy, CertificateViewSet
from learning.models import Certificate

register_permission_policy(Certificate, CertificatePermissionPolicy(Certificate))


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    return CertificateViewSet("certificates")
