{#- Ageing buckets of the pending backlog: (column, first day, last day), in calendar days.
    Age counts from the received day; past-due from the due day (not yet due: <= 0). -#}
{% macro age_buckets() -%}
{{ return([('age_0_5_days', 0, 5), ('age_6_15_days', 6, 15), ('age_16_30_days', 16, 30),
           ('age_31_60_days', 31, 60), ('age_over_60_days', 61, none)]) }}
{%- endmacro %}

{% macro past_due_buckets() -%}
{{ return([('not_yet_due', none, 0), ('past_due_1_7_days', 1, 7),
           ('past_due_8_30_days', 8, 30), ('past_due_over_30_days', 31, none)]) }}
{%- endmacro %}
