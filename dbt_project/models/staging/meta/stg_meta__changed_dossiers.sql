-- One row per dossier that an incremental build recomputes: those with a version of the
-- dossier, a supplement request or a rating loaded after the last build's load
-- (var changed_after_load, set by `haicap build`). Empty in a full build, which recomputes
-- everything. A table, not a view: the models test their dossiers against it (`in (select
-- ...)`), and over a view DuckDB guessed it 25 M rows and hashed the other side, all 100 M
-- dossiers of the fact (the overdue spans of one new day took 32 s and 10 GB, now 5 s).
{{ config(materialized='table') }}
{%- set after = var('changed_after_load', none) %}
with

dossiers as (
    select "MaHoSo" as dossier_code from {{ source('raw', 'dossiers') }}
    where {% if after is none %}false{% else %}"_load_id" > {{ after | int }}{% endif %}
),

supplements as (
    select "MaHoSo" as dossier_code from {{ source('raw', 'supplements') }}
    where {% if after is none %}false{% else %}"_load_id" > {{ after | int }}{% endif %}
),

ratings as (
    select "MaHoSo" as dossier_code from {{ source('raw', 'ratings') }}
    where {% if after is none %}false{% else %}"_load_id" > {{ after | int }}{% endif %}
),

final as (
    select dossier_code from dossiers
    union
    select dossier_code from supplements
    union
    select dossier_code from ratings
)

select * from final
