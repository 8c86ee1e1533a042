"""An address with an id no database can hold answers 404, not a server error."""

import pytest

pytestmark = pytest.mark.django_db

HUGE = "9" * 30


@pytest.mark.parametrize(
    "method, url",
    [
        ("get", f"/learning/courses/{HUGE}/resume/"),
        ("post", f"/learning/courses/{HUGE}/enroll/"),
        ("post", f"/learning/lessons/{HUGE}/complete/"),
        ("post", f"/community/lessons/{HUGE}/comments/"),
        ("post", f"/community/comments/{HUGE}/flag/"),
        ("get", f"/admin/reports/courses/{HUGE}/"),
    ],
)
def test_an_impossible_id_is_not_found(client, staff_admin, home, method, url):
    client.force_login(staff_admin)
    assert getattr(client, method)(url).status_code == 404
