"""Tags of the report pages."""

from django import template

from units import fastpaths

register = template.Library()

# ``{% task_cells row %}``: the five task figures of a dashboard row (units.fastpaths).
register.simple_tag(fastpaths.task_cells, name="task_cells")

# ``{% document_table_rows block %}``: the body rows of an official document's table (units.fastpaths).
register.simple_tag(fastpaths.document_table_rows, name="document_table_rows")
