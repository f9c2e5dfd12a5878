"""``{% ballot_card item %}``: one agenda card of the voting page (units.fastpaths)."""

from django import template

from units import fastpaths

register = template.Library()
register.simple_tag(fastpaths.ballot_card, takes_context=True, name="ballot_card")
