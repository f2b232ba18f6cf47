-- One row per province per month for the journalists' edition: rpt_province_monthly with the
-- cells int_public__cells withholds set to null (a `_withheld` flag beside each), rates
-- withheld on fewer than public_min_denominator dossiers or beside a withheld part.
{% set numerators = {
    'on_time_rate': '(raw_finished_early + raw_finished_on_time)',
    'online_share': 'raw_received_online',
} %}
with

cells as (
    select * from {{ ref('int_public__cells') }}
    where level = 'province'
),

monthly as (
    select * from {{ ref('rpt_province_monthly') }}
),

wide as (
    {{ public_wide('cells', 'province_code') }}
),

final as (
    select
        wide.province_code,
        wide.month,
        {{ public_published_columns(numerators) }},
        monthly.stock_day
    from wide
    inner join monthly on wide.province_code = monthly.province_code and wide.month = monthly.month
)

select * from final
order by province_code, month
