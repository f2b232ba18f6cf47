-- One row per unit (ward, or the province-level row) per month for the journalists' edition:
-- the counts of rpt_ward_monthly with the cells int_public__cells withholds set to null (a
-- `_withheld` flag beside each), rates withheld on fewer than public_min_denominator dossiers
-- or beside a withheld part they would reveal. No dossier-level data, nothing personal.
{% set numerators = {
    'on_time_rate': '(raw_finished_early + raw_finished_on_time)',
    'online_share': 'raw_received_online',
} %}
with

cells as (
    select * from {{ ref('int_public__cells') }}
    where level = 'unit'
),

units as (
    select * from {{ ref('dim_unit') }}
),

wide as (
    {{ public_wide('cells', 'unit_code') }}
),

final as (
    select
        wide.province_code,
        units.ward_code,
        wide.unit_code,
        units.unit_name,
        units.is_province_level,
        wide.month,
        {{ public_published_columns(numerators) }}
    from wide
    inner join units on wide.unit_code = units.unit_code
)

select * from final
order by province_code, unit_code, month
