-- One row per unit (ward, or the province-level row) per month for the journalists' edition:
-- the counts of rpt_ward_monthly with small numbers withheld (null, with a `_withheld` flag),
-- rates withheld below public_min_denominator. No dossier-level data, nothing personal.
with

cells as (
    select * from {{ ref('int_public__unit_month_cells') }}
),

units as (
    select * from {{ ref('dim_unit') }}
),

wide as (
    select
        province_code,
        unit_code,
        month,
        {% for column in public_count_columns() -%}
            max(value) filter (where measure = '{{ column }}') as raw_{{ column }},
            bool_or(is_withheld) filter (where measure = '{{ column }}') as {{ column }}_withheld,
        {% endfor -%}
        bool_or(is_withheld) as has_withheld
    from cells
    group by province_code, unit_code, month
),

final as (
    select
        wide.province_code,
        units.ward_code,
        wide.unit_code,
        units.unit_name,
        units.is_province_level,
        wide.month,
        {% for column in public_count_columns() -%}
            case when not {{ column }}_withheld then raw_{{ column }} end as {{ column }},
            {{ column }}_withheld,
        {% endfor -%}
        {% for rate, denominator in public_rates().items() -%}
            case
                when raw_{{ denominator }} >= {{ var('public_min_denominator') }}
                    and not {% if rate == 'on_time_rate' %}finished_late_withheld{% else %}(received_online_withheld or received_withheld){% endif %}
                    then round(
                        {% if rate == 'on_time_rate' %}(raw_finished_early + raw_finished_on_time){% else %}raw_received_online{% endif %}
                        / raw_{{ denominator }}, 4
                    )
            end as {{ rate }},
            -- a rate would reveal a withheld part: withheld with it
            coalesce(raw_{{ denominator }} < {{ var('public_min_denominator') }}, true)
            {% if rate == 'on_time_rate' %}or finished_late_withheld{% else %}or received_online_withheld or received_withheld{% endif %}
                as {{ rate }}_withheld,
        {% endfor -%}
        wide.has_withheld
    from wide
    inner join units on wide.unit_code = units.unit_code
)

select * from final
order by province_code, unit_code, month
