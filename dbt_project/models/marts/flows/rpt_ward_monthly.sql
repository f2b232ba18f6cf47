-- One row per ward per calendar month (from the ward's first received dossier to the as-of
-- month); flows summed, stocks at the end of the month or of the as-of day.
with

monthly as (
    select * from {{ ref('int_units__monthly') }}
    where not is_province_level
),

final as (
    select
        ward_code,
        province_code,
        month,
        {{ unit_month_columns() }}
    from monthly
)

select * from final
order by province_code, ward_code, month
