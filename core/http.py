"""Small pieces every app's views share."""

from functools import wraps

from django.shortcuts import render


def post_only(view):
    """Like ``require_POST``, but the 405 says in words what to do instead."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "POST":
            response = render(
                request,
                "405.html",
                {
                    "message": "This address only takes a form submission (POST). "
                    "Use the button on the lesson or course page."
                },
                status=405,
            )
            response["Allow"] = "POST"
            return response
        return view(request, *args, **kwargs)

    return wrapper
