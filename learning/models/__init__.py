"""Models of the learning app, one module per concept."""

from .certificates import Certificate
from .pages import CourseIndexPage, CoursePage, CoursePageTag, LessonPage
from .progress import Enrollment, LessonCompletion
from .review import CourseReviewTask

__all__ = [
    "Certificate",
    "CourseIndexPage",
    "CoursePage",
    "CoursePageTag",
    "CourseReviewTask",
    "Enrollment",
    "LessonCompletion",
    "LessonPage",
]
