-- One row per procedure catalogue entry: a procedure nationally or as one province publishes it.
with

source as (
    select * from {{ source('raw', 'procedures_current') }}
),

renamed as (
    select
        "MaTTHC" as procedure_code,
        "MaTinh" as catalogue_province_code,
        "TenTTHC" as procedure_name,
        "MaLinhVuc" as field_code,
        "TenLinhVuc" as field_name,
        "CapThucHien" as procedure_level,
        "MucDo"::integer as online_level,
        "ThoiHanGiaiQuyet" as statutory_duration,
        "DonViThoiHan" as statutory_unit,
        coalesce("PhiDiaGioi", 0) = 1 as is_non_territorial,
        coalesce("CoPhiLePhi", 0) = 1 as has_fee
    from source
),

final as (
    select
        *,
        coalesce(catalogue_province_code, 'national') as catalogue_key
    from renamed
)

select * from final
