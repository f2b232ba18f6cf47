-- No published province total lets a reader recover a single withheld cell: in every
-- province, month and measure, the number of withheld unit cells is zero or at least two
-- (or the province total is itself withheld).
with

cells as (
    select * from {{ ref('int_public__unit_month_cells') }}
),

final as (
    select
        province_code,
        month,
        measure,
        count(*) filter (where is_withheld) as withheld_cells,
        sum(value) as province_total
    from cells
    group by province_code, month, measure
    having
        count(*) filter (where is_withheld) = 1
        and sum(value) >= {{ var('public_min_count') }}
)

select * from final
