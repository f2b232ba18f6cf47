-- One row per province, procedure and month of receipt: dossiers received and how many of
-- them online, for the per-procedure volume of any set of whole months (the query layer adds
-- the days of a partial month from the fact).
-- A table remade on every build: from the fact it is cheaper than an incremental
-- delete-and-insert of the months a new day touches (docs/benchmarks.md).
with

received as (
    select * from {{ ref('fct_dossiers') }}
    where is_received
),

final as (
    select
        province_code,
        procedure_code,
        date_trunc('month', received_day)::date as month,
        count(*) as received,
        count(is_online) as with_channel,
        count(*) filter (where is_online) as received_online,
        max(statutory_working_days) as statutory_working_days,
        max(received_day) as last_received_day
    from received
    group by province_code, procedure_code, month
)

select * from final
order by month, province_code, procedure_code
