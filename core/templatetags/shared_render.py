"""``{% hole "name" %}…{% endhole %}``: a personal part of a page that ``core.shared_render``
renders for each reader around a shared, cached page."""

from django import template

from core.shared_render import HOLES, MARK, is_shared_render

register = template.Library()


class HoleNode(template.Node):
    def __init__(self, name, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        if is_shared_render(context):
            return f"{MARK}{self.name}{MARK}"
        return self.nodelist.render(context)


@register.tag
def hole(parser, token):
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError('Use {% hole "name" %}…{% endhole %}.')
    name = bits[1][1:-1]
    nodelist = parser.parse(("endhole",))
    parser.delete_first_token()
    HOLES[name] = nodelist
    return HoleNode(name, nodelist)
