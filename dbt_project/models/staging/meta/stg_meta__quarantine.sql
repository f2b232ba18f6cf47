-- One row per quarantined input row: which file, which rule (original values left behind).
with

source as (
    select * from {{ source('raw', 'quarantine') }}
),

renamed as (
    select
        load_id,
        file_name,
        feed,
        "row" as row_number_in_file,
        rule,
        field,
        message
    from source
),

final as (
    select * from renamed
)

select * from final
