-- One row per input row of a loaded file, accepted or quarantined, with only the keys that
-- place it in a province: its ward, its agency, the province it names, its dossier (values
-- are never read). What rpt_load_rows_by_province counts. Only the rows of the file's own feed,
-- as the load log's rows_read counts them: the supplement requests nested in a dossier
-- envelope file are not counted.
with

dossiers as (
    select
        "_load_id" as load_id,
        'dossiers' as feed,
        "MaXa"::varchar as ward_code,
        "DonViXuLy"::varchar as agency_code,
        null::varchar as province_code_given,
        null::varchar as dossier_code
    from {{ source('raw', 'dossiers') }}
    where "_rejected" is null
),

supplements as (
    select
        "_load_id" as load_id,
        'supplements' as feed,
        null::varchar as ward_code,
        null::varchar as agency_code,
        null::varchar as province_code_given,
        "MaHoSo"::varchar as dossier_code
    from {{ source('raw', 'supplements') }}
    where "_rejected" is null
),

ratings as (
    select
        "_load_id" as load_id,
        'ratings' as feed,
        null::varchar as ward_code,
        null::varchar as agency_code,
        null::varchar as province_code_given,
        "MaHoSo"::varchar as dossier_code
    from {{ source('raw', 'ratings') }}
    where "_rejected" is null
),

staffing as (
    select
        "_load_id" as load_id,
        'staffing' as feed,
        "MaXa"::varchar as ward_code,
        null::varchar as agency_code,
        null::varchar as province_code_given,
        null::varchar as dossier_code
    from {{ source('raw', 'staffing') }}
    where "_rejected" is null
),

assets as (
    select
        "_load_id" as load_id,
        'assets' as feed,
        "MaXa"::varchar as ward_code,
        null::varchar as agency_code,
        null::varchar as province_code_given,
        null::varchar as dossier_code
    from {{ source('raw', 'assets') }}
    where "_rejected" is null
),

procedures as (
    select
        "_load_id" as load_id,
        'procedures' as feed,
        null::varchar as ward_code,
        null::varchar as agency_code,
        "MaTinh"::varchar as province_code_given,
        null::varchar as dossier_code
    from {{ source('raw', 'procedures') }}
    where "_rejected" is null
),

agencies as (
    select
        "_load_id" as load_id,
        'agencies' as feed,
        "MaXa"::varchar as ward_code,
        null::varchar as agency_code,
        "MaTinh"::varchar as province_code_given,
        null::varchar as dossier_code
    from {{ source('raw', 'agencies') }}
    where "_rejected" is null
),

accepted as (
    select * from dossiers
    union all
    select * from supplements
    union all
    select * from ratings
    union all
    select * from staffing
    union all
    select * from assets
    union all
    select * from procedures
    union all
    select * from agencies
),

quarantined as (
    select
        load_id,
        feed,
        original ->> 'MaXa' as ward_code,
        original ->> 'DonViXuLy' as agency_code,
        original ->> 'MaTinh' as province_code_given,
        original ->> 'MaHoSo' as dossier_code,
        true as is_quarantined,
        rule,
        coalesce(field, '') as field,
        message
    from {{ source('raw', 'quarantine') }}
),

loads as (
    select load_id, feed from {{ source('meta', 'loads') }}
),

every_row as (
    select
        *,
        false as is_quarantined,
        '' as rule,
        '' as field,
        null::varchar as message
    from accepted
    union all
    select * from quarantined
),

final as (
    select every_row.*
    from every_row
    inner join loads on every_row.load_id = loads.load_id and every_row.feed = loads.feed
)

select * from final
