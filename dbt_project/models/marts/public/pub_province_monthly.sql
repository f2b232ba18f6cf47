-- One row per province per month for the journalists' edition: rpt_province_monthly with small
-- counts and those that would reveal them withheld, and the rates (int_public__published).
with

published as (
    select * from {{ ref('int_public__published') }}
    where level = 'province'
),

monthly as (
    select * from {{ ref('rpt_province_monthly') }}
),

final as (
    select
        published.* exclude (level, unit_code),
        monthly.stock_day
    from published
    inner join monthly
        on published.province_code = monthly.province_code and published.month = monthly.month
)

select * from final
order by province_code, month
