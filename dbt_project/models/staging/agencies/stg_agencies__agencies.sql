-- One row per handling agency: a provincial department or a ward's service centre.
with

source as (
    select * from {{ source('raw', 'agencies_current') }}
),

renamed as (
    select
        "MaDinhDanh" as agency_code,
        "TenDonVi" as agency_name,
        "Cap" as agency_level,
        "MaTinh" as province_code,
        "MaXa" as ward_code
    from source
),

final as (
    select * from renamed
)

select * from final
