{#- The flow columns of the published tables, in the contract's order. -#}
{% macro flow_column_names() -%}
{{ return(['received', 'received_online', 'finished', 'finished_early', 'finished_on_time',
           'finished_late', 'closed']) }}
{%- endmacro %}

{% macro flow_columns() -%}
{{ flow_column_names() | join(',\n        ') }}
{%- endmacro %}

{#- Shares that go with the flows; null when the denominator is zero. -#}
{% macro rates() -%}
round((finished_early + finished_on_time) / nullif(finished, 0), 4) as on_time_rate,
        round(finished_late / nullif(finished, 0), 4) as late_rate,
        round(received_online / nullif(received, 0), 4) as online_share
{%- endmacro %}
