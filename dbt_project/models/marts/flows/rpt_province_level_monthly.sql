-- One row per province per month for the province-level dossiers only (those of provincial
-- agencies, Cap = tinh): the "province level" row beside the wards.
with

monthly as (
    select * from {{ ref('int_units__monthly') }}
    where is_province_level
),

final as (
    select
        province_code,
        month,
        {{ unit_month_columns() }}
    from monthly
)

select * from final
order by province_code, month
