-- Every file's rows of its own feed, by province, add up to the rows it read (accepted +
-- quarantined), so a province's viewer and a national one count the same rows. A warning: the
-- Data page's bookkeeping must not stop the leaders' numbers from being published.
{{ config(severity='warn') }}
with

by_province as (
    select load_id, feed, sum(row_count) as row_count
    from {{ ref('rpt_load_rows_by_province') }}
    group by load_id, feed
),

loads as (
    select * from {{ ref('rpt_load_log') }}
),

final as (
    select loads.load_id, loads.rows_read, coalesce(by_province.row_count, 0) as row_count
    from loads
    left join by_province
        on loads.load_id = by_province.load_id and loads.feed = by_province.feed
    where loads.rows_read <> coalesce(by_province.row_count, 0)
)

select * from final
