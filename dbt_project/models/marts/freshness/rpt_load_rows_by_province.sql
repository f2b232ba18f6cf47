{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='load_id',
) }}
-- One row per loaded file, feed, province, and accepted or quarantined by rule and field: how
-- many of the file's rows are that province's (a dossier file's nested supplement requests
-- are rows of the supplements feed, as in raw.supplements; the file's own feed's rows add up
-- to its rows read). A row's province is its ward's, else its agency's,
-- else the one it names (MaTinh), else its dossier's (as the fact has it now); a row placed in
-- no province (a national catalogue entry, a line that could not be read, an unknown ward or
-- dossier) has a null province_code. The load log and the
-- quarantine a province's viewer sees (warehouse.queries.load_log and quarantine): a file of
-- several provinces shows them their own rows only.
-- Incremental: a load's rows do not change once loaded, so a build after new loads counts
-- those loads, and again the older loads with a row placed by a dossier that changed (it may
-- have moved to another province, or arrived after the row): a full build places such rows by
-- the dossier as it is now.
-- depends_on: {{ ref('int_dossiers__changed') }}
with

all_load_rows as not materialized (
    -- read twice in an incremental run; not materialised, so that each use's filters reach
    -- the raw scans instead of every raw row being copied first
    select * from {{ ref('stg_meta__load_rows') }}
),

{% if is_incremental() -%}
    reread_loads as (
        -- older loads with a row placed by a dossier that changed
        select distinct all_load_rows.load_id
        from all_load_rows
        inner join {{ ref('int_dossiers__changed') }} as changed
            on all_load_rows.dossier_code = changed.dossier_code
        where
            all_load_rows.ward_code is null
            and all_load_rows.agency_code is null
            and all_load_rows.province_code_given is null
    ),
{%- endif %}

load_rows as (
    select * from all_load_rows
    {% if is_incremental() -%}
        where
            -- the loads after the last build's (a constant: the scans skip the older row groups)
            load_id > {{ var('changed_after_load') | int }}
            or load_id in (select reread_loads.load_id from reread_loads)
    {%- endif %}
),

wards as (
    select * from {{ ref('stg_reference__wards') }}
),

agencies as (
    select * from {{ ref('stg_agencies__agencies') }}
),

dossiers as (
    select dossier_code, province_code from {{ ref('fct_dossiers') }}
),

located as (
    select
        load_rows.*,
        coalesce(
            wards.province_code,
            agencies.province_code,
            load_rows.province_code_given,
            dossiers.province_code
        ) as province_code
    from load_rows
    left join wards on load_rows.ward_code = wards.ward_code
    left join agencies on load_rows.agency_code = agencies.agency_code
    left join dossiers on load_rows.dossier_code = dossiers.dossier_code
),

final as (
    select
        load_id,
        feed,
        province_code,
        is_quarantined,
        rule,
        field,
        count(*) as row_count,
        min(message) as example_message
    from located
    group by load_id, feed, province_code, is_quarantined, rule, field
)

select * from final
order by load_id, province_code
