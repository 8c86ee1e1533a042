"""The read API under /api/ (docs/API.md): wiring only.

- /api/v2/courses/ and /api/v2/lessons/: public content, Wagtail's API v2 (``learning.api``)
- /api/learner/me/: the signed-in learner's own learning (``learning.api.learner``)
- anything else under /api/: a JSON 404 (``core.api.errors.not_found``)
"""

from django.urls import path, re_path
from wagtail.api.v2.router import WagtailAPIRouter

from core.api.errors import not_found
from learning.api import CoursesAPIViewSet, LessonsAPIViewSet, learner

router = WagtailAPIRouter("api_v2")
router.register_endpoint("courses", CoursesAPIViewSet)
router.register_endpoint("lessons", LessonsAPIViewSet)

urlpatterns = [
    path("v2/", router.urls),
    path("learner/me/", learner, name="api_learner"),
    # Only /api/ and addresses below it that end in a slash: one without is first
    # redirected to its slashed form by APPEND_SLASH, as everywhere on the site.
    re_path(r"^(.*/)?$", not_found),
]
