"""Test data for the course tree, built with wagtail-factories."""

import factory
import wagtail_factories

from learning.models import CourseIndexPage, CoursePage, LessonPage


class CourseIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CourseIndexPage

    title = "Courses"
    slug = "courses"


class CoursePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CoursePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Course {n}")
    summary = "A course about something useful."
    level = "beginner"

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)
            self.save()

    @factory.post_generation
    def co_authors(self, create, extracted, **kwargs):
        # A ParentalManyToManyField is written to the database when the page is saved.
        if create and extracted:
            self.co_authors.add(*extracted)
            self.save()


class LessonPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LessonPage

    title = factory.Sequence(lambda n: f"Lesson {n}")
    estimated_minutes = 10
    body = factory.LazyFunction(
        lambda: [("paragraph", "<p>Lesson text that teaches one idea.</p>")]
    )
