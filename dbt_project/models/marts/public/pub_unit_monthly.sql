-- One row per unit (ward, or the province-level row) per month for the journalists' edition:
-- the counts of rpt_ward_monthly with small ones and those that would reveal them withheld,
-- and the rates (int_public__published). No dossier-level data, nothing personal.
with

published as (
    select * from {{ ref('int_public__published') }}
    where level = 'unit'
),

units as (
    select * from {{ ref('dim_unit') }}
),

final as (
    select
        published.province_code,
        units.ward_code,
        published.unit_code,
        units.unit_name,
        units.is_province_level,
        published.* exclude (level, province_code, unit_code)
    from published
    inner join units on published.unit_code = units.unit_code
)

select * from final
order by province_code, unit_code, month
