-- One row per unit (ward, or the province-level row) per month for the journalists' edition:
-- the counts of rpt_ward_monthly with small numbers withheld (null, with a `_withheld` flag),
-- rates withheld below public_min_denominator. No dossier-level data, nothing personal.
{% set numerators = {
    'on_time_rate': '(raw_finished_early + raw_finished_on_time)',
    'online_share': 'raw_received_online',
} %}
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

rated as (
    select
        *,
        -- a rate on fewer than public_min_denominator, or beside a withheld part it would
        -- reveal, is withheld
        coalesce(raw_finished < {{ var('public_min_denominator') }}, true)
        or finished_late_withheld as on_time_rate_hidden,
        coalesce(raw_received < {{ var('public_min_denominator') }}, true)
        or received_online_withheld or received_withheld as online_share_hidden
    from wide
),

final as (
    select
        rated.province_code,
        units.ward_code,
        rated.unit_code,
        units.unit_name,
        units.is_province_level,
        rated.month,
        {% for column in public_count_columns() -%}
            case when not {{ column }}_withheld then raw_{{ column }} end as {{ column }},
            {{ column }}_withheld,
        {% endfor -%}
        {% for rate, denominator in public_rates().items() -%}
            case
                when not {{ rate }}_hidden
                    then round({{ numerators[rate] }} / raw_{{ denominator }}, 4)
            end as {{ rate }},
            {{ rate }}_hidden as {{ rate }}_withheld,
        {% endfor -%}
        rated.has_withheld
    from rated
    inner join units on rated.unit_code = units.unit_code
)

select * from final
order by province_code, unit_code, month
