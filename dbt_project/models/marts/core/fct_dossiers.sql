{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='dossier_code',
    pre_hook=[
        "{{ keep_replaced_rows(dossier_event_columns()) }}",
        "{{ start_dossier_ranges() }}",
    ],
    post_hook="{{ append_other_dossier_ranges('province_code, unit_code, received_day') }}",
) }}
-- One row per dossier (latest version), as int_dossiers__measured computes it. Kept lean
-- (codes and flags; catalogue details are in dim_procedure): writing it is the biggest cost of
-- the build. Sorted by province, ward and received day so that one unit's dossiers are read
-- from a few row groups.
-- Full build: written one range of dossier codes at a time, each sorted in memory
-- (macros/dossier_ranges.sql).
-- Incremental: the changed dossiers' rows are replaced by their new versions
-- (int_dossiers__changed; delete+insert by dossier_code), after the pre-hook has kept the old
-- ones for the event models (build_state.fct_dossiers__replaced); the new rows come after the
-- sorted ones until the next full build.
-- depends_on: {{ ref('stg_dossiers__code_ranges') }}
-- depends_on: {{ ref('int_dossiers__changed') }}
with

measured as (
    {% if is_incremental() -%}
        select * from {{ ref('int_dossiers__changed') }}
    {%- else -%}
        select * from {{ ref('int_dossiers__measured') }}
    {%- endif %}
),

final as (
    select * from measured
)

select * from final
order by province_code, unit_code, received_day
