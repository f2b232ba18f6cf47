{{ config(materialized='table', tags=['full_build_only']) }}
-- One row per range of dossier codes (MaHoSo) in which a full build writes fct_dossiers
-- (macros/dossier_ranges.sql): about var dossiers_per_range raw rows each, bounded by the
-- codes that cut a sample of 100,000 of them into equal parts; the first range has no lower
-- bound, the last no upper one. Every version of a dossier, its supplement requests and its
-- ratings carry its code, so they fall in the same range. Codes start with the province and
-- ward (`01.00004.250423.082172`), so ranges in code order keep the fact clustered by province.
with

size as (
    select greatest(1, ceil(count(*) / {{ var('dossiers_per_range') }}))::integer as ranges
    from {{ source('raw', 'dossiers') }}
),

sample as (
    select "MaHoSo" as code from {{ source('raw', 'dossiers') }} using sample 100000 rows
),

tiles as (
    select
        sample.code,
        ntile(size.ranges) over (order by sample.code) as tile
    from sample, size
),

tile_starts as (
    select min(code) as bound
    from tiles
    where tile > 1
    group by tile
),

bounds as (
    select distinct bound from tile_starts
),

ordered as (
    select
        bound as range_from,
        lead(bound) over (order by bound) as range_to
    from bounds
    union all
    select
        null as range_from,
        min(bound) as range_to
    from bounds
),

final as (
    select
        row_number() over (order by range_from nulls first) as range_number,
        range_from,
        range_to
    from ordered
)

select * from final
