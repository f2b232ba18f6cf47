-- One row per province, procedure and month of receipt: dossiers received and how many of
-- them online, for the per-procedure volume of any set of whole months (the query layer adds
-- the days of a partial month from the fact).
-- Incremental: only the province-procedure-months a changed dossier is or was in are made
-- again.
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ delete_touched_histogram_months('received_day', 'is_received') }}",
) }}
{%- set incremental_run = is_incremental_run() %}
with

received as (
    {{ histogram_dossiers('received_day', 'is_received') }}
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
{% if not incremental_run -%}
    order by month, province_code, procedure_code
{%- endif %}
