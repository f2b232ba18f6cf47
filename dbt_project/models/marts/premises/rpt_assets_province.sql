-- One row per province with assets snapshots: premises by use and condition, vacant area,
-- long-vacant and far premises, wards short of office space.
with

wards as (
    select * from {{ ref('rpt_assets_ward') }}
),

final as (
    select
        province_code,
        count(*) as wards_reported,
        sum(premises)::integer as premises,
        {% for use in ['dang_su_dung', 'su_dung_mot_phan', 'bo_trong', 'da_chuyen_doi', 'cho_xu_ly'] -%}
            sum(use_{{ use }})::integer as use_{{ use }},
        {% endfor -%}
        {% for condition in ['tot', 'xuong_cap', 'hu_hong'] -%}
            sum(condition_{{ condition }})::integer as condition_{{ condition }},
        {% endfor -%}
        sum(floor_area_m2) as floor_area_m2,
        sum(vacant_floor_area_m2) as vacant_floor_area_m2,
        sum(long_vacant)::integer as long_vacant,
        sum(far_offices)::integer as far_offices,
        count(*) filter (where is_short_of_space) as wards_short_of_space
    from wards
    group by province_code
)

select * from final
order by province_code
