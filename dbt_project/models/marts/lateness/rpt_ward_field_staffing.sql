-- One row per ward with a staffing snapshot and procedure field of the dossiers: the
-- speciality in charge of the field and that speciality's quota, people in post, gap (quota
-- not filled) and surplus in the ward's latest snapshot; what the "why late" breakdown sets
-- beside a field's late dossiers. A field no speciality is in charge of (matched by name,
-- below) has an empty speciality and no counts.
with

positions as (
    select * from {{ ref('rpt_staffing_positions') }}
),

fields as (
    -- every field the dossiers have, as rpt_unit_lateness_daily names them
    select distinct field_name from {{ ref('rpt_unit_lateness_daily') }}
),

field_specialities as (
    -- the speciality in charge of a field, by the field's name (first match by rank); land and
    -- construction by the patterns the alerts use
    select
        patterns.field_pattern,
        patterns.speciality,
        patterns.match_rank
    from (
        values
        ('{{ var("land_field_pattern") }}', 'dia_chinh', 1),
        ('{{ var("construction_field_pattern") }}', 'xay_dung', 2),
        ('%hộ tịch%', 'tu_phap', 3),
        ('%chứng thực%', 'tu_phap', 4),
        ('%tư pháp%', 'tu_phap', 5),
        ('%công chứng%', 'tu_phap', 6),
        ('%đường bộ%', 'giao_thong', 7),
        ('%giao thông%', 'giao_thong', 8),
        ('%nông nghiệp%', 'nong_nghiep', 9),
        ('%môi trường%', 'nong_nghiep', 10),
        ('%bảo trợ xã hội%', 'van_hoa_xa_hoi', 11),
        ('%người có công%', 'van_hoa_xa_hoi', 12),
        ('%văn hóa%', 'van_hoa_xa_hoi', 13),
        ('%giáo dục%', 'van_hoa_xa_hoi', 14),
        ('%y tế%', 'van_hoa_xa_hoi', 15),
        ('%việc làm%', 'van_hoa_xa_hoi', 16),
        ('%thi đua%', 'van_hoa_xa_hoi', 17),
        ('%hộ kinh doanh%', 'tai_chinh', 18),
        ('%doanh nghiệp%', 'tai_chinh', 19),
        ('%đầu tư%', 'tai_chinh', 20),
        ('%công thương%', 'tai_chinh', 21)
    ) as patterns (field_pattern, speciality, match_rank)
),

field_in_charge as (
    select
        fields.field_name,
        arg_min(field_specialities.speciality, field_specialities.match_rank) as speciality
    from fields
    left join field_specialities on fields.field_name ilike field_specialities.field_pattern
    group by fields.field_name
),

ward_specialities as (
    select
        province_code,
        ward_code,
        speciality,
        any_value(report_date) as report_date,
        sum(quota)::integer as quota,
        sum(in_post)::integer as in_post,
        sum(gap)::integer as gap,
        sum(surplus)::integer as surplus
    from positions
    group by province_code, ward_code, speciality
),

wards as (
    select
        province_code,
        ward_code,
        max(report_date) as report_date
    from positions
    group by province_code, ward_code
),

final as (
    select
        wards.province_code,
        wards.ward_code,
        field_in_charge.field_name,
        field_in_charge.speciality,
        wards.report_date,
        ward_specialities.quota,
        ward_specialities.in_post,
        ward_specialities.gap,
        ward_specialities.surplus
    from wards
    cross join field_in_charge
    left join ward_specialities
        on
            wards.ward_code = ward_specialities.ward_code
            and field_in_charge.speciality = ward_specialities.speciality
)

select * from final
order by province_code, ward_code, field_name
