{#- The counts the public layer publishes (each may be withheld) and the rates with their
    denominators. The rules that withhold them: models/intermediate/public/int_public__cells.py. -#}
{#- `closed` is not among them: it is the backlog identity's slack, never published. -#}
{% macro public_count_columns() -%}
{{ return(['received', 'received_online', 'finished', 'finished_early', 'finished_on_time',
           'finished_late', 'pending_end', 'pending_overdue_end']) }}
{%- endmacro %}

{% macro public_rates() -%}
{{ return({'on_time_rate': 'finished', 'online_share': 'received'}) }}
{%- endmacro %}

{#- One row per cell owner (`key`) and month: every count's value and withheld flag. -#}
{% macro public_wide(cells, key) -%}
    select
        province_code,
        {% if key != 'province_code' %}{{ key }},{% endif %}
        month,
        {% for column in public_count_columns() -%}
            max(value) filter (where measure = '{{ column }}') as raw_{{ column }},
            bool_or(is_withheld) filter (where measure = '{{ column }}') as {{ column }}_withheld
            {%- if not loop.last %},{% endif %}
        {% endfor %}
    from {{ cells }}
    group by all
{%- endmacro %}

{#- The published counts (null where withheld) and rates: a rate on fewer than
    public_min_denominator dossiers, or beside a withheld part it would reveal, is withheld. -#}
{% macro public_published_columns(numerators) -%}
        {% for column in public_count_columns() -%}
            case when not wide.{{ column }}_withheld then wide.raw_{{ column }} end as {{ column }},
            wide.{{ column }}_withheld,
        {% endfor -%}
        {% set hidden = {
            'on_time_rate': 'wide.finished_withheld or wide.finished_late_withheld',
            'online_share': 'wide.received_withheld or wide.received_online_withheld',
        } -%}
        {% for rate, denominator in public_rates().items() -%}
            case
                when not ({{ hidden[rate] }})
                    and wide.raw_{{ denominator }} >= {{ var('public_min_denominator') }}
                    then round({{ numerators[rate] | replace('raw_', 'wide.raw_') }}
                        / wide.raw_{{ denominator }}, 4)
            end as {{ rate }},
            coalesce(
                {{ hidden[rate] }} or wide.raw_{{ denominator }} < {{ var('public_min_denominator') }},
                true
            ) as {{ rate }}_withheld{% if not loop.last %},{% endif %}
        {% endfor -%}
{%- endmacro %}
