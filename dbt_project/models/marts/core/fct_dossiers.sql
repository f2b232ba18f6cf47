{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook=[
        "{{ keep_changed_dossiers(dossiers_before(), dossier_event_columns()) }}",
        "{{ delete_changed_dossiers() }}",
        "{{ start_dossier_ranges() }}",
        "{{ keep_new_versions() }}",
    ],
    post_hook=["{{ append_other_dossier_ranges('province_code, unit_code, received_day') }}"],
) }}
-- One row per dossier (latest version), as int_dossiers__measured computes it. Kept lean
-- (codes and flags; catalogue details are in dim_procedure): writing it is the biggest cost of
-- the build. Sorted by province, ward and received day so that one unit's dossiers are read
-- from a few row groups; a full build writes it one range of dossier codes at a time, each
-- sorted in memory (macros/dossier_ranges.sql). Incremental: a build after new loads deletes
-- and inserts again only the dossiers they touched (macros/incremental.sql; upstream staging
-- reads only those, and a pre-hook writes their new rows to build_state.dossiers_after, which
-- this model inserts and the event models read), so its new rows are appended after the
-- sorted ones until the next full build.
with

measured as (
    {% if is_incremental_run() -%}
        select * from {{ dossiers_after() }}
    {%- else -%}
        select * from {{ ref('int_dossiers__measured') }}
    {%- endif %}
),

final as (
    select * from measured
)

select * from final
order by province_code, unit_code, received_day
