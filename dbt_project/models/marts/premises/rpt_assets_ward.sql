-- One row per ward with an assets snapshot (the latest): premises by use and condition,
-- vacant floor area, long-vacant and far-away premises, office floor area per person in post
-- and whether the ward is short of office space (below office_m2_per_person_norm).
with

premises as (
    select * from {{ ref('int_assets__latest_premises') }}
),

wards as (
    select * from {{ ref('dim_ward') }}
),

staffing as (
    select * from {{ ref('rpt_staffing_ward') }}
),

summed as (
    select
        ward_code,
        any_value(report_date) as report_date,
        count(*) as premises,
        {% for use in ['dang_su_dung', 'su_dung_mot_phan', 'bo_trong', 'da_chuyen_doi', 'cho_xu_ly'] -%}
            count(*) filter (where use_status = '{{ use }}') as use_{{ use }},
        {% endfor -%}
        {% for condition in ['tot', 'xuong_cap', 'hu_hong'] -%}
            count(*) filter (where condition = '{{ condition }}') as condition_{{ condition }},
        {% endfor -%}
        coalesce(sum(floor_area_m2), 0) as floor_area_m2,
        coalesce(sum(floor_area_m2) filter (where is_vacant), 0) as vacant_floor_area_m2,
        count(*) filter (where is_long_vacant) as long_vacant,
        count(*) filter (where is_far_office) as far_offices,
        coalesce(sum(floor_area_m2) filter (where is_office_in_use), 0) as office_floor_area_m2,
        coalesce(sum(staff_on_site) filter (where is_office_in_use), 0) as staff_on_site
    from premises
    group by ward_code
),

final as (
    select
        wards.province_code,
        summed.*,
        coalesce(staffing.in_post, summed.staff_on_site) as people,
        round(summed.office_floor_area_m2 / nullif(coalesce(staffing.in_post, summed.staff_on_site), 0), 2)
            as office_m2_per_person,
        coalesce(
            summed.office_floor_area_m2 / nullif(coalesce(staffing.in_post, summed.staff_on_site), 0)
            < {{ var('office_m2_per_person_norm') }},
            false
        ) as is_short_of_space
    from summed
    inner join wards on summed.ward_code = wards.ward_code
    left join staffing on summed.ward_code = staffing.ward_code
)

select * from final
order by province_code, ward_code
