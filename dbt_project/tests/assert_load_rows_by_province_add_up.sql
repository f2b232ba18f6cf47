-- Every file's rows by province add up to the rows it read (accepted + quarantined), so a
-- province's viewer and a national one count the same rows.
with

by_province as (
    select load_id, sum(row_count) as row_count
    from {{ ref('rpt_load_rows_by_province') }}
    group by load_id
),

loads as (
    select * from {{ ref('rpt_load_log') }}
),

final as (
    select loads.load_id, loads.rows_read, coalesce(by_province.row_count, 0) as row_count
    from loads
    left join by_province on loads.load_id = by_province.load_id
    where loads.rows_read <> coalesce(by_province.row_count, 0)
)

select * from final
