-- One row per file loaded into the working warehouse.
with

source as (
    select * from {{ source('meta', 'loads') }}
),

renamed as (
    select
        load_id,
        file_name,
        feed,
        format as file_format,
        started_at as load_started_at,
        finished_at as load_finished_at,
        rows_read,
        rows_accepted,
        rows_quarantined,
        rows_waiting
    from source
),

final as (
    select * from renamed
)

select * from final
