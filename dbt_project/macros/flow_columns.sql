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

{#- A unit-month row of int_units__monthly as the published monthly tables show it (wards, and
the province level): flows, stocks at the end of the month, their stock day, rates. -#}
{% macro unit_month_columns() -%}
{{ flow_columns() }},
        pending_end,
        pending_overdue_end,
        stock_day,
        {{ rates() }}
{%- endmacro %}
