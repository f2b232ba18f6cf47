-- One row per file loaded into the working warehouse: feed, when, rows read, accepted,
-- quarantined (the published copy of the load log).
with

loads as (
    select * from {{ ref('stg_meta__loads') }}
),

final as (
    select * from loads
)

select * from final
order by load_id
