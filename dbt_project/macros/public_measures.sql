{#- The counts the public layer publishes (each may be withheld) and the rates with their
    denominators. -#}
{% macro public_count_columns() -%}
{{ return(flow_column_names() + ['pending_end', 'pending_overdue_end']) }}
{%- endmacro %}

{% macro public_rates() -%}
{{ return({'on_time_rate': 'finished', 'online_share': 'received'}) }}
{%- endmacro %}
