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

{#- the condition: on `day`, a dossier is in age bucket `index` -#}
{% macro in_age_bucket(index, day) -%}
    {%- set ages = age_buckets() -%}
    {{ day }} - received_day >= {{ ages[index][1] }}
    {%- if index < ages | length - 1 %} and {{ day }} - received_day < {{ ages[index + 1][1] }}{% endif %}
{%- endmacro %}

{#- the condition: on `day`, a dossier is in past-due bucket `index` (0: not yet due, also
when it has no due day) -#}
{% macro in_past_due_bucket(index, day) -%}
    {%- set dues = past_due_buckets() -%}
    {%- if index == 0 -%}
        (due_day is null or {{ day }} < due_day + {{ dues[1][1] }})
    {%- else -%}
        {{ day }} >= due_day + {{ dues[index][1] }}
        {%- if index < dues | length - 1 %} and {{ day }} < due_day + {{ dues[index + 1][1] }}{% endif %}
    {%- endif -%}
{%- endmacro %}

{#- one column per bucket (ageing, then past-due): `changes` maps bucket names to expressions,
the others are 0 -#}
{% macro backlog_bucket_changes(changes) -%}
    {%- for name, low, high in age_buckets() + past_due_buckets() %}
                {{ changes.get(name, '0') }} as {{ name }}{% if not loop.last %},{% endif %}
    {%- endfor %}
{%- endmacro %}
