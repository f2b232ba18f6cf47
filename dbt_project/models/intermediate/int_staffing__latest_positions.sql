-- One row per ward, department and position of each ward's latest staffing snapshot.
with

positions as (
    select * from {{ ref('stg_staffing__positions') }}
),

final as (
    select *
    from positions
    qualify report_date = max(report_date) over (partition by ward_code)
)

select * from final
