-- One row: the as-of day of the build, the latest day of any NgayTiepNhan, NgayKetThucXuLy,
-- NgayTra or NgayTuChoi in the loaded dossiers (deadlines do not count).
with

dossiers as (
    select * from {{ ref('fct_dossiers') }}
),

final as (
    select
        max(last_activity_day) as as_of_day
    from dossiers
)

select * from final
