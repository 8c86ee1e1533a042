"""The admin where educators write courses: Wagtail's page views for courses and lessons,
with three changes (registered as page viewsets, so every admin URL for these pages uses
them):

- The explorer's listing of a catalogue's courses or a course's lessons offers drag and
  drop only to who may reorder them. Wagtail offers it to anyone listing by order, and its
  script then reports "moved successfully" for a move the server refused.
- Reordering refuses a position that is not one of the listed places (400), where
  Wagtail would quietly move the page to the end.
- On a lesson, "Submit" (the create view's "Submit to Course review", the editor's "Submit
  course for review") saves the lesson's draft and submits its course with every changed
  lesson (``learning.review.submit_course``): lessons are never reviewed on their own.

Who may do what is ``learning.permissions``; these views only ask it.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from wagtail.admin import messages
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.views.pages.ordering import SetPagePositionView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page

from learning import review
from learning.models import CoursePage, LessonPage


class CourseTreeIndexView(ExplorableIndexView):
    """The explorer's listing of courses in a catalogue or lessons in a course."""

    def get_reorder_url(self):
        if self.permissions.can_reorder_children():
            return super().get_reorder_url()
        return None


class SetPositionView(SetPagePositionView):
    """Drag and drop in the explorer: move a page to ``?position=<n>`` among its siblings
    (counted from 0), or to the end without one."""

    def post(self, request, page_to_move_id, *args, **kwargs):
        page = get_object_or_404(Page, id=page_to_move_id)
        parent = page.get_parent()
        if not parent.permissions_for_user(request.user).can_reorder_children():
            raise PermissionDenied
        position = request.GET.get("position")
        if position is not None:
            places = parent.get_children().count()
            if not (position.isdigit() and int(position) < places):
                return HttpResponseBadRequest(
                    f"The position must be a whole number from 0 to {places - 1}.",
                    content_type="text/plain; charset=utf-8",
                )
        return super().post(request, page_to_move_id, *args, **kwargs)


def submit_course_of(request, lesson):
    """After a lesson's draft is saved: submit its course for review, with a message.
    A redirect to the course's lessons, or None when the course cannot be submitted."""
    course = lesson.get_parent().specific
    try:
        review.submit_course(course, request.user)
    except PermissionDenied as refusal:
        messages.error(
            request,
            f"The draft of “{lesson.title}” is saved, but “{course.title}” cannot be "
            f"submitted for review now: {refusal}",
        )
        return None
    titles = [item.latest_revision.object_str for item in review.changed_lessons(course)]
    with_lessons = (
        f" with {len(titles)} changed lesson{'s' if len(titles) != 1 else ''}: "
        + ", ".join(f"“{title}”" for title in titles)
        if titles
        else ""
    )
    messages.success(request, f"“{course.title}” was submitted for review{with_lessons}.")
    return redirect("wagtailadmin_explore", course.pk)


class LessonSubmitMixin:
    """ "Submit" on a lesson: save its draft, then submit its course."""

    submitting_course = False

    @cached_property
    def action_name_and_method(self):
        if self.request.POST.get("action-submit"):
            return ("submit_course", self.submit_course_action)
        return super().action_name_and_method

    def submit_course_action(self):
        self.submitting_course = True
        response = self.save_action()
        if response.status_code != 302:  # the draft was not saved
            return response
        return submit_course_of(self.request, self.page) or response


class LessonCreateView(LessonSubmitMixin, CreateView):
    pass


class LessonEditView(LessonSubmitMixin, EditView):
    def add_save_confirmation_message(self):
        if not self.submitting_course:  # the submission's message says it all
            super().add_save_confirmation_message()


class SubmitCourseMenuItem(ActionMenuItem):
    """In a lesson's editor: "Submit course for review" (Wagtail's own "Submit" shows only
    for pages with a workflow, which a lesson has not)."""

    label = "Submit course for review"
    name = "action-submit"
    icon_name = "resubmit"
    order = 150

    def is_shown(self, context):
        if context["view"] != "edit" or context["locked_for_user"]:
            return False
        page = context["page"]
        if not isinstance(page, LessonPage):
            return False
        course_permissions = page.get_parent().permissions_for_user(context["request"].user)
        return course_permissions.can_edit() and course_permissions.can_submit_for_moderation()

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        state = context["page"].get_parent().current_workflow_state
        if state and state.status == state.STATUS_NEEDS_CHANGES:
            context["label"] = "Resubmit course for review"
        return context


class CoursePageViewSet(PageViewSet):
    model = CoursePage
    index_view_class = CourseTreeIndexView
    set_page_position_view_class = SetPositionView


class LessonPageViewSet(PageViewSet):
    model = LessonPage
    index_view_class = CourseTreeIndexView
    set_page_position_view_class = SetPositionView
    add_view_class = LessonCreateView
    edit_view_class = LessonEditView
