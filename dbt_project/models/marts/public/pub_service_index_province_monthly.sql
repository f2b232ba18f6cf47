-- One row per province per month for the journalists' edition: the service index, withheld
-- when the month received fewer than public_min_denominator dossiers.
with

province_index as (
    select * from {{ ref('rpt_service_index_province_monthly') }}
),

counts as (
    select * from {{ ref('int_provinces__monthly_quality') }}
),

final as (
    select
        province_index.province_code,
        province_index.month,
        case
            when counts.received >= {{ var('public_min_denominator') }} then province_index.service_index
        end as service_index,
        counts.received < {{ var('public_min_denominator') }} as service_index_withheld,
        province_index.method_note
    from province_index
    inner join counts
        on province_index.province_code = counts.province_code and province_index.month = counts.month
)

select * from final
order by province_code, month
