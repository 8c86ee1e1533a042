"""Discussion views: post, reply, edit, delete and flag.

Each is a plain form first: GET shows a small page with the form, POST acts and sends
the reader back to the comment on the lesson page (303). ``static/js/discussion.js``
posts the same forms with ``fetch`` and ``Accept: application/json`` and gets JSON with
the same status: the new comment's HTML, or the refusal's message. The rules are in
``community.comments`` and ``community.moderation``; a refusal keeps its status (400 bad
text or reply, 403 not signed in, muted or too late, 404 not there, 409 already done, 429
too fast) and its words.
"""

from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_http_methods

from community import comments, discussion, moderation
from community.forms import CommentForm, FlagForm
from community.models import Comment
from community.moderation import Refused
from core.http import post_only
from core.visibility import is_visible
from learning.models import LessonPage


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def signed_in(view):
    """A visitor who is not signed in is sent to log in (GET) or refused (POST: the text
    they typed could not survive the detour)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if request.method == "POST":
            return refused(request, Refused("Log in to join the discussion.", status=403))
        return redirect_to_login(request.get_full_path())

    return wrapper


def refused(request, refusal, template="community/refused.html", **context):
    if wants_json(request):
        return JsonResponse({"error": refusal.message}, status=refusal.status)
    context.setdefault("title", "That did not work")
    return render(request, template, {**context, "error": refusal.message}, status=refusal.status)


def find_comment(user, comment_id):
    """The comment, if ``user`` may read it and its lesson; else a 404 refusal."""
    comment = (
        Comment.objects.filter(discussion.visible_to(user), pk=comment_id)
        .select_related("lesson", "author")
        .first()
    )
    if comment is None or not is_visible(user, comment.lesson):
        raise Refused("There is no such comment.", status=404)
    return comment


def comment_url(user, comment):
    """The lesson page, at the page of its discussion that shows ``comment``."""
    page = discussion.page_of(user, comment)
    query = f"?{urlencode({'comments_page': page})}" if page > 1 else ""
    return f"{comment.lesson.url}{query}#comment-{comment.pk}"


def comment_html(request, comment):
    discussion.annotate(request.user, [comment])
    comment.shown_replies = []
    return render_to_string(
        "community/comment.html",
        {"comment": comment, "user": request.user, "can_post": True, "flagged": set()},
        request=request,
    )


def posted(request, lesson, parent=None):
    """Post a comment or a reply from the request's form; answer either way."""
    form = CommentForm(request.POST)
    try:
        comment = comments.post_comment(request.user, lesson, request.POST.get("body", ""), parent)
    except Refused as refusal:
        form.is_valid()
        return refused(
            request,
            refusal,
            "community/comment_form.html",
            form=form,
            lesson=lesson,
            comment=parent,
            title="Reply" if parent else "Comment",
        )
    if wants_json(request):
        message = (
            "Your comment is posted."
            if comment.status == Comment.Status.APPROVED
            else "Your comment is posted and awaits a moderator's review."
        )
        return JsonResponse(
            {
                "id": comment.pk,
                "parent": comment.parent_id,
                "html": comment_html(request, comment),
                "count": discussion.public_count(lesson),
                "message": message,
            },
            status=201,
        )
    return HttpResponseRedirect(comment_url(request.user, comment), status=303)


@post_only
@signed_in
def post(request, lesson_id):
    lesson = LessonPage.objects.filter(pk=lesson_id).first()
    if lesson is None:
        return refused(request, Refused("There is no such lesson.", status=404))
    return posted(request, lesson)


@require_http_methods(["GET", "POST"])
@signed_in
def reply(request, comment_id):
    try:
        parent = find_comment(request.user, comment_id)
    except Refused as refusal:
        return refused(request, refusal)
    if request.method == "POST":
        return posted(request, parent.lesson, parent)
    return render(
        request,
        "community/comment_form.html",
        {"form": CommentForm(), "comment": parent, "lesson": parent.lesson, "title": "Reply"},
    )


def _own(request, comment_id, verb):
    comment = find_comment(request.user, comment_id)
    comments.refuse_unless_changeable(request.user, comment, verb)
    return comment


@require_http_methods(["GET", "POST"])
@signed_in
def edit(request, comment_id):
    try:
        comment = _own(request, comment_id, "edit")
    except Refused as refusal:
        return refused(request, refusal)
    form = CommentForm(request.POST or None, initial={"body": comment.body})
    context = {"form": form, "lesson": comment.lesson, "editing": comment, "title": "Edit"}
    if request.method == "POST":
        try:
            comments.edit_comment(request.user, comment, request.POST.get("body", ""))
        except Refused as refusal:
            form.is_valid()
            return refused(request, refusal, "community/comment_form.html", **context)
        if wants_json(request):
            return JsonResponse({"id": comment.pk, "html": comment_html(request, comment)})
        return HttpResponseRedirect(comment_url(request.user, comment), status=303)
    return render(request, "community/comment_form.html", context)


@require_http_methods(["GET", "POST"])
@signed_in
def delete(request, comment_id):
    try:
        comment = _own(request, comment_id, "delete")
        if request.method == "POST":
            comments.delete_own_comment(request.user, comment)
    except Refused as refusal:
        return refused(request, refusal)
    if request.method == "GET":
        return render(request, "community/comment_delete.html", {"comment": comment})
    if wants_json(request):
        return JsonResponse({"id": comment.pk, "count": discussion.public_count(comment.lesson)})
    return HttpResponseRedirect(f"{comment.lesson.url}#discussion", status=303)


@require_http_methods(["GET", "POST"])
@signed_in
def flag(request, comment_id):
    try:
        comment = find_comment(request.user, comment_id)
    except Refused as refusal:
        return refused(request, refusal)
    form = FlagForm(request.POST or None)
    context = {"form": form, "comment": comment, "lesson": comment.lesson}
    if request.method == "POST":
        try:
            if not form.is_valid():
                raise Refused("Choose why you are flagging this comment.")
            moderation.flag(
                comment, request.user, form.cleaned_data["reason"], form.cleaned_data["note"]
            )
        except Refused as refusal:
            return refused(request, refusal, "community/comment_flag.html", **context)
        message = "Thank you: moderators will look at this comment."
        if wants_json(request):
            return JsonResponse({"id": comment.pk, "message": message}, status=201)
        return HttpResponseRedirect(comment_url(request.user, comment), status=303)
    return render(request, "community/comment_flag.html", context)
