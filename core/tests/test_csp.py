"""Django's security headers: the site's Content-Security-Policy on its pages, the Wagtail
admin's own looser one under /admin/, and one value each for the headers Django owns."""

import pytest
from django.urls import reverse


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.mark.django_db
def test_public_pages_allow_no_inline_script_or_style(client, make_course):
    course, _ = make_course(lessons=1)
    response = client.get(course.url)
    assert response.status_code == 200
    csp = policy(response)
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["img-src"] == ["'self'", "data:"]
    assert "https://www.youtube.com" in csp["frame-src"]
    assert "https://player.vimeo.com" in csp["frame-src"]


@pytest.mark.django_db
def test_the_site_log_in_page_gets_the_site_policy(client):
    assert policy(client.get(reverse("login")))["script-src"] == ["'self'"]


@pytest.mark.django_db
def test_the_wagtail_admin_gets_its_own_policy(client, staff_admin):
    login = client.get(reverse("wagtailadmin_login"))
    assert "'unsafe-inline'" in policy(login)["script-src"]
    client.force_login(staff_admin)
    csp = policy(client.get(reverse("wagtailadmin_home")))
    assert csp["script-src"] == ["'self'", "'unsafe-inline'"]
    # ...but still no plug-ins, no foreign scripts, no framing by other sites.
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["default-src"] == ["'self'"]


@pytest.mark.django_db
def test_django_sends_each_security_header_once_with_the_intended_value(client, make_course):
    course, _ = make_course(lessons=1)
    for response in (client.get(course.url), client.get(course.url.rstrip("/"))):
        assert response["X-Frame-Options"] == "SAMEORIGIN"  # Wagtail's preview is a frame
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert "Content-Security-Policy" in response
