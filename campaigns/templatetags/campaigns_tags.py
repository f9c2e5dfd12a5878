from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``{{ mapping|get_item:key }}`` for dicts keyed by something other than a plain name."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def who(user):
    """A user's name as shown in logs, or a dash when unknown."""
    if not user:
        return "—"
    return user.get_full_name() or user.username


@register.simple_tag(takes_context=True)
def consolidated_rows(context, rows):
    """``{% consolidated_rows table.rows %}``: the consolidated table's body rows (units.fastpaths)."""
    from units.fastpaths import consolidated_rows

    return consolidated_rows(context, rows)
