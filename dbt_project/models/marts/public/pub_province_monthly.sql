-- One row per province per month for the journalists' edition: rpt_province_monthly with
-- counts below public_min_count and rates on fewer than public_min_denominator withheld.
with

monthly as (
    select * from {{ ref('rpt_province_monthly') }}
),

final as (
    select
        province_code,
        month,
        {% for column in public_count_columns() -%}
            case when {{ column }} >= {{ var('public_min_count') }} then {{ column }} end as {{ column }},
            {{ column }} < {{ var('public_min_count') }} as {{ column }}_withheld,
        {% endfor -%}
        {% for rate, denominator in public_rates().items() -%}
            case when {{ denominator }} >= {{ var('public_min_denominator') }} then {{ rate }} end as {{ rate }},
            {{ denominator }} < {{ var('public_min_denominator') }} as {{ rate }}_withheld,
        {% endfor -%}
        stock_day
    from monthly
)

select * from final
order by province_code, month
