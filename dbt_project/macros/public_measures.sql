{#- The counts the public layer publishes (each may be withheld) and the rates with their
    denominators. -#}
{% macro public_count_columns() -%}
{{ return(flow_column_names() + ['pending_end', 'pending_overdue_end']) }}
{%- endmacro %}

{% macro public_rates() -%}
{{ return({'on_time_rate': 'finished', 'online_share': 'received'}) }}
{%- endmacro %}

{% macro public_finished_family() -%}
{#- Counts tied by finished = finished_early + finished_on_time + finished_late: withholding
    one would let the others reveal it, so a unit-month withholds all four or none. -#}
{{ return(['finished', 'finished_early', 'finished_on_time', 'finished_late']) }}
{%- endmacro %}
