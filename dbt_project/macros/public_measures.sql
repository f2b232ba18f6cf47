{#- The counts the public layer publishes (each may be withheld). The rules that withhold
    them: models/intermediate/public/int_public__cells.py. -#}
{#- `closed` is not among them: it is the backlog identity's slack, never published. -#}
{% macro public_count_columns() -%}
{{ return(['received', 'received_online', 'finished', 'finished_early', 'finished_on_time',
           'finished_late', 'pending_end', 'pending_overdue_end']) }}
{%- endmacro %}
