-- One row per feed, rule and field: how many rows were quarantined, in how many files, and
-- one example message (no original values are published).
with

quarantine as (
    select * from {{ ref('stg_meta__quarantine') }}
),

final as (
    select
        feed,
        rule,
        coalesce(field, '') as field,
        count(*) as rows_quarantined,
        count(distinct load_id) as files,
        min(message) as example_message
    from quarantine
    group by feed, rule, coalesce(field, '')
)

select * from final
order by rows_quarantined desc
