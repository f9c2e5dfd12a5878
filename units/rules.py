"""Permission predicates for the organisation.

Vocabulary: ``is_*`` says who the user is (to the object), ``can_*`` composes them for a verb.
Other apps import the role predicates from here and build their own on top.
"""

import rules


@rules.predicate
def is_authenticated(user):
    return bool(user and user.is_authenticated and user.is_active)


@rules.predicate
def is_nobody(user, obj=None):
    return False


@rules.predicate
def is_administrator(user):
    return is_authenticated(user) and user.is_superuser


@rules.predicate
def is_office_staff(user):
    return is_authenticated(user) and (user.is_office_staff or user.is_superuser)


def office_keeps(view) -> dict:
    """The model permissions (``Meta.rules_permissions``) of a record the office keeps: ``view``
    may read it, the office adds and changes it, nobody deletes it (it stays as history)."""
    return {"view": view, "add": is_office_staff, "change": is_office_staff, "delete": is_nobody}


@rules.predicate
def is_unit_head(user):
    return is_authenticated(user) and user.head_of_unit_id is not None


@rules.predicate
def is_council_member(user):
    return is_authenticated(user) and user.is_council_member


def unit_id_of(obj):
    """The unit an object belongs to: a Unit itself, or anything with a ``unit_id``."""
    if obj is None:
        return None
    if getattr(getattr(obj, "_meta", None), "label_lower", None) == "units.unit":
        return obj.pk
    return getattr(obj, "unit_id", None)


def head_scope_ids(user):
    """Ids of the units a unit head may see: their unit and its sub-units (cached per user)."""
    if not is_unit_head(user):
        return set()
    cached = getattr(user, "_head_scope_ids", None)
    if cached is None:
        cached = user.head_of_unit.subtree_ids()
        user._head_scope_ids = cached
    return cached


@rules.predicate
def is_unit_head_of(user, obj):
    """The user heads the unit the object belongs to (or a unit above it)."""
    unit_id = unit_id_of(obj)
    return unit_id is not None and unit_id in head_scope_ids(user)


@rules.predicate
def has_login_beyond_unit(user, person):
    """The staff record carries a login whose role reaches beyond a unit: office staff, a council
    member, an administrator or staff of the admin site."""
    login = getattr(person, "user", None) if person is not None else None
    return login is not None and bool(
        login.is_office_staff or login.is_council_member or login.is_superuser or login.is_staff
    )


can_view_unit = is_office_staff | is_council_member | is_unit_head_of
can_view_person = is_office_staff | is_unit_head_of
can_change_person = is_office_staff | is_unit_head_of
# Marking a person "ngừng công tác" locks their login: a unit head may not lock out the office,
# the council or an administrator that way.
can_deactivate_person = is_office_staff | (is_unit_head_of & ~has_login_beyond_unit)

rules.add_perm("units.view_home", is_authenticated)
rules.add_perm("units.access_office", is_office_staff)
rules.add_perm("units.access_admin_site", is_office_staff)
rules.add_perm("units.import_staff", is_office_staff)
rules.add_perm("units.deactivate_person", can_deactivate_person)
rules.add_perm("units.list_person", is_office_staff | is_unit_head)
rules.add_perm("units.list_unit", is_office_staff | is_council_member | is_unit_head)
rules.add_perm("units.list_reorganisation", is_office_staff)


# The register of issued documents (units.views_documents): office staff and administrators.
rules.add_perm("units.view_issued_register", is_office_staff)
